// babel-preset-taro: used by Taro's webpack build and by babel-jest (it switches to
// CommonJS when NODE_ENV=test, which jest sets).
//
// The weapp gets its own target. WeChat runs it in the phone's JavaScript engine, not a browser,
// and DevTools' own ES5 pass stays off (project.config.json: es6/enhance false, as Taro's docs ask,
// because Taro has already compiled the output). So Taro must emit syntax the oldest runtime parses:
// - WeChat's JS support page: base library 2.15.0 needs WeChat iOS 7.0.20, which needs iOS 10; our
//   floor (2.32.3, the privacy APIs) is later, so iOS 10's JavaScriptCore is a safe lower bound
//   (https://developers.weixin.qq.com/miniprogram/dev/framework/runtime/js-support.html).
// - DevTools' ES5 pass targets { chrome: 53, ios: 8 } for Android's engine
//   (https://developers.weixin.qq.com/miniprogram/dev/devtools/codecompile.html); we keep chrome 53.
// Both parse ES2015 and no later syntax (no `?.`, `??`, object spread, async functions),
// which test/weapp/built-weapp.test.ts checks on every built file.
const weapp = process.env.TARO_ENV === 'weapp' && process.env.NODE_ENV !== 'test'

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(weapp ? { targets: { ios: '10', chrome: '53' } } : {})
      }
    ]
  ]
}
