import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import webpack from 'webpack'
import devConfig from './dev'
import prodConfig from './prod'

// `taro build --type <platform>` sets TARO_ENV before this file is evaluated.
const isH5 = process.env.TARO_ENV === 'h5'

/**
 * Text is sized in rem (see src/components/theme/tokens.css) so that it follows the reader's
 * font-size setting: the browser's on H5, WeChat's on weapp (scaled at run time). pxtransform is
 * off on both platforms: with it on, Taro turns px into rpx (scales with screen *width*, not the
 * font setting) and on H5 injects a script that pins <html> to a fixed px font-size, which would
 * defeat the browser setting. So a px here is a CSS px everywhere (only used for hairlines).
 */
const postcssCommon = {
  pxtransform: { enable: false, config: {} },
  cssModules: {
    enable: false,
    config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' }
  }
}

export default defineConfig<'webpack5'>(async merge => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli',
    date: '2026-11-23',
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // WeChat output goes where project.config.json's miniprogramRoot points.
    outputRoot: isH5 ? 'dist-h5' : 'miniprogram',
    plugins: [],
    defineConstants: {
      // CloudBase environment id for wx.cloud.init; empty = the mini-program's default env.
      LINLI_CLOUD_ENV: JSON.stringify(process.env.LINLI_CLOUD_ENV ?? '')
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: false, stats: false },
    mini: {
      // Taro compiles only src/ and node_modules/*taro*; these ship newer syntax than the weapp's
      // target (babel.config.js) and are compiled down with it.
      compile: { include: [(file: string) => /node_modules[\\/](zod|uqr)[\\/]/.test(file)] },
      // Modules used only by a subpackage's pages stay in that subpackage.
      optimizeMainPackage: { enable: true },
      postcss: postcssCommon,
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain
          .plugin('global-this')
          .use(webpack.ProvidePlugin, [{ globalThis: path.resolve(__dirname, 'global-this.js') }])
      }
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css'
      },
      postcss: { ...postcssCommon, autoprefixer: { enable: true, config: {} } },
      // `taro build --type h5 --watch`: loopback only; the app's API calls go to the local cloud.
      devServer: {
        host: '127.0.0.1',
        port: 10086,
        proxy: [{ context: ['/functions', '/dev/storage'], target: 'http://127.0.0.1:3000', changeOrigin: false }]
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Pages are lazy chunks; without this each page chunk carried its own copy of NutUI
        // and zod. Code used by two or more chunks goes to one shared chunk, loaded once.
        chain.optimization.merge({
          splitChunks: {
            chunks: 'all',
            cacheGroups: {
              shared: { name: 'shared', minChunks: 2, priority: -5, reuseExistingChunk: true }
            }
          }
        })
      }
    }
  }
  const isProd = process.env.NODE_ENV === 'production'
  return merge({}, baseConfig, isProd ? prodConfig : devConfig)
})
