import { configure } from '@testing-library/dom'

// The web jest project (jsdom): pages branch on process.env.TARO_ENV, so behave like the H5 build.
// Tests of weapp-only paths set TARO_ENV = 'weapp' themselves and restore it.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'

// waitFor/findBy give up after 1 s by default: on a busy machine (2 cores, several suites at once)
// a page's first render with its fetches can take longer. Waiting longer never slows a passing test.
// Configured on @testing-library/dom: loading @testing-library/react here, before the test
// framework, would skip its automatic cleanup after each test. React's config merges over this.
configure({ asyncUtilTimeout: 5000 })
