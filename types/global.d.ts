/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_ID: string
  }
}

/** Build constant (config/index.ts defineConstants): the CloudBase env id, '' for the default env. */
declare const LINLI_CLOUD_ENV: string

/** WeChat-native components used from React pages (weapp only; see src/components/native/). */
declare namespace JSX {
  interface IntrinsicElements {
    'call-card': {
      key?: string | number
      id?: string
      class?: string
      name: string
      title: string
      phone: string
      /** Fired with the contact when the card is tapped (tap-to-call comes later). */
      onCall?: (e: { detail: { name: string; title: string } }) => void
    }
  }
}
