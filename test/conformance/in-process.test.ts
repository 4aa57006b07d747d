/**
 * The node-sdk conformance suite again, against the local cloud's engine in this process (the
 * in-memory database of the use-case specs, test/support/in-memory-db.ts) instead of over HTTP:
 * a spec's database answers every call the SDK makes as the local cloud does.
 */
process.env.LINLI_CONFORMANCE_TARGET = 'memory'
require('./node-sdk.test')
