/**
 * The follow-up lifecycle: scheduled → notified (its reminder went out) → done | cancelled.
 * Snoozing puts an open follow-up back to scheduled at a later time; done and cancelled are final.
 */
export const FOLLOW_UP_STATES = ['scheduled', 'notified', 'done', 'cancelled'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

export type FollowUpAction = 'notify' | 'complete' | 'snooze' | 'cancel' | 'reschedule';

const TRANSITIONS: Record<FollowUpAction, Partial<Record<FollowUpState, FollowUpState>>> = {
  notify: { scheduled: 'notified' },
  complete: { scheduled: 'done', notified: 'done' },
  snooze: { scheduled: 'scheduled', notified: 'scheduled' },
  cancel: { scheduled: 'cancelled', notified: 'cancelled' },
  // The automatic follow-up moving with its item's dueAt.
  reschedule: { scheduled: 'scheduled', notified: 'scheduled' },
};

/** The state after `action`, or null when the action is not allowed from `state`. */
export function nextState(state: FollowUpState, action: FollowUpAction): FollowUpState | null {
  return TRANSITIONS[action][state] ?? null;
}

/** Open follow-ups still ask for someone's attention. */
export function isOpen(state: FollowUpState): boolean {
  return state === 'scheduled' || state === 'notified';
}
