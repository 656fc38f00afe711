import { ErrorSpec } from '../common/problem';

export const ActorErrors = {
  NOT_FOUND: { status: 404, code: 'ACTOR.NOT_FOUND', title: 'Actor not found' },
  DUPLICATE_NAME: {
    status: 409,
    code: 'ACTOR.DUPLICATE_NAME',
    title: 'An actor already has this name or alias',
  },
} satisfies Record<string, ErrorSpec>;
