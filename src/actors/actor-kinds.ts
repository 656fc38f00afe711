export const ACTOR_KINDS = ['person', 'organization', 'country', 'group'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
