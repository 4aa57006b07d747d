// Reports who the platform says is calling, through the real @cloudbase/node-sdk.
const tcb = require('@cloudbase/node-sdk')

exports.main = async (event, context) => {
  // Interleave concurrent calls so a shared-state bug would show.
  await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 20)))
  const c = tcb.getCloudbaseContext(context)
  return {
    sdk: {
      WX_OPENID: c.WX_OPENID,
      WX_APPID: c.WX_APPID,
      WX_UNIONID: c.WX_UNIONID,
      WX_CONTEXT_KEYS: c.WX_CONTEXT_KEYS,
      TCB_ENV: c.TCB_ENV,
      SCF_NAMESPACE: c.SCF_NAMESPACE,
      TRIGGER_SRC: c.TRIGGER_SRC,
      TCB_CONTEXT_CNFG: c.TCB_CONTEXT_CNFG
    },
    event,
    context,
    processOpenId: process.env.WX_OPENID === undefined ? null : process.env.WX_OPENID,
    // The functions' clock as a test set it (POST /dev/clock; src/server/clock.ts reads it).
    clock: process.env.LINLI_CLOCK ?? null
  }
}
