/**
 * The Node flags the service runs with, as `docker-compose.yml` and `npm start` start it: a 1 GB
 * old generation, which also caps how far V8 lets the heap grow between collections (a factor of
 * ~1.6 of what is live, instead of 4 under the default 4 GB limit). docs/performance.md, "Resident
 * memory", has the figures.
 */
export const SERVICE_NODE_FLAGS = ['--max-old-space-size=1024'];
