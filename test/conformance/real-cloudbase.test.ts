/**
 * The conformance suite runs against a real CloudBase environment when TCB_ENV, TCB_SECRET_ID and
 * TCB_SECRET_KEY are set (node-sdk.test.ts and wx-server-sdk.test.ts then use it instead of the
 * local cloud; local-only.test.ts skips). This file says plainly which of the two happened.
 */
import { realEnv } from '../support/local-cloud'
import { openTarget } from './target'

const real = realEnv()

describe('real CloudBase', () => {
  if (real) {
    it(`conformance suite runs against environment ${real.env}, not the local cloud`, async () => {
      const target = await openTarget()
      try {
        expect(target.kind).toBe('real')
        expect(target.cloud).toBeNull()
      } finally {
        await target.close()
      }
    })
  } else {
    console.log(
      'Real CloudBase conformance run SKIPPED: set TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY to run the suite against a real environment.'
    )
    test.skip('conformance suite against a real environment (needs TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY)', () =>
      undefined)
  }
})
