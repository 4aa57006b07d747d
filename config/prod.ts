import type { UserConfigExport } from '@tarojs/cli'

// Every build without --watch is a production build (Taro minifies it regardless of NODE_ENV).
export default {} satisfies UserConfigExport<'webpack5'>
