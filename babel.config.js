// babel-preset-taro: used by Taro's webpack build and by babel-jest (it switches to
// CommonJS when NODE_ENV=test, which jest sets).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]]
}
