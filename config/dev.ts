import type { UserConfigExport } from '@tarojs/cli'

// `--watch` builds: nothing beyond the base config yet.
export default {
  logger: { quiet: false, stats: false }
} satisfies UserConfigExport<'webpack5'>
