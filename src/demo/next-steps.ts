/** What `npm run demo` prints last: the key to use and three commands that work as pasted. */
export function nextSteps(baseUrl: string, key: string): string {
  const auth = '-H "Authorization: Bearer $KEY"';
  return [
    '',
    'Pledgewatch demo is ready. Use this admin key:',
    '',
    `  export KEY=${key}`,
    '',
    'Then try:',
    `  curl -s "${baseUrl}/v1/items?limit=3" ${auth}`,
    `  curl -s "${baseUrl}/v1/stats/status?kind=commitment" ${auth}`,
    `  curl -s "${baseUrl}/v1/items/similar?text=40+billion+euros+military+aid" ${auth}`,
    '',
    `The workbench: ${baseUrl}/ (paste the key to sign in); the API: ${baseUrl}/docs`,
    '',
  ].join('\n');
}
