import { nextSteps } from '../../src/demo/next-steps';

describe('npm run demo: what it prints last', () => {
  const text = nextSteps('http://localhost:3000', 'pw_example');

  it('should give the key to export and exactly three commands to try with it', () => {
    expect(text).toContain('export KEY=pw_example');
    const commands = text.split('\n').filter((l) => l.trim().startsWith('curl '));
    expect(commands).toHaveLength(3);
    for (const c of commands) expect(c).toContain('-H "Authorization: Bearer $KEY"');
  });

  it('should point at the workbench and the API documentation', () => {
    expect(text).toContain('http://localhost:3000/docs');
  });
});
