// What `globalThis` means in the weapp build (ProvidePlugin in config/index.ts). Neither iOS 10's
// JavaScriptCore nor Chrome 53 (the weapp's targets, babel.config.js) has `globalThis`, and zod reads
// it as soon as it loads. webpack compiles `global` to its own lookup (`__webpack_require__.g`:
// `globalThis` when there is one, else `new Function('return this')()`, which WeChat allows:
// https://developers.weixin.qq.com/miniprogram/dev/framework/runtime/js-support.html).
module.exports = global
