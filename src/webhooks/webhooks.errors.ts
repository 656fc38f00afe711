import { ErrorSpec } from '../common/problem';

export const WebhookErrors = {
  NOT_FOUND: { status: 404, code: 'WEBHOOK.NOT_FOUND', title: 'Webhook not found' },
  INVALID_URL: { status: 422, code: 'WEBHOOK.INVALID_URL', title: 'The webhook URL is not an http(s) URL' },
  PRIVATE_TARGET: {
    status: 422,
    code: 'WEBHOOK.PRIVATE_TARGET',
    title: 'The webhook URL points at a private, loopback or link-local address',
  },
  UNRESOLVABLE_HOST: {
    status: 422,
    code: 'WEBHOOK.UNRESOLVABLE_HOST',
    title: 'The webhook host does not resolve',
  },
} satisfies Record<string, ErrorSpec>;
