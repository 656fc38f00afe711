import { ErrorSpec } from '../common/problem';

export const FollowUpErrors = {
  NOT_FOUND: { status: 404, code: 'FOLLOW_UP.NOT_FOUND', title: 'Follow-up not found' },
  INVALID_TRANSITION: {
    status: 409,
    code: 'FOLLOW_UP.INVALID_TRANSITION',
    title: 'The follow-up is not in a state that allows this',
  },
  INVALID_REPEAT: {
    status: 422,
    code: 'FOLLOW_UP.INVALID_REPEAT',
    title: 'repeatEvery is not a usable ISO 8601 duration',
  },
  MAIL_DOMAIN_NOT_ALLOWED: {
    status: 422,
    code: 'FOLLOW_UP.MAIL_DOMAIN_NOT_ALLOWED',
    title: 'The assignee is an address outside the domains reminder mail may go to',
  },
  SNOOZE_IN_PAST: {
    status: 422,
    code: 'FOLLOW_UP.SNOOZE_IN_PAST',
    title: 'A follow-up can only be snoozed to a later time',
  },
} satisfies Record<string, ErrorSpec>;
