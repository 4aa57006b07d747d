// The web jest project (jsdom): pages branch on process.env.TARO_ENV, so behave like the H5 build.
// Tests of weapp-only paths set TARO_ENV = 'weapp' themselves and restore it.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
