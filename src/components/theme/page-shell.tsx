import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import { installPrivacyGate } from '../privacy/privacy-gate'
import { PrivacyPopup } from '../privacy/privacy-popup'
import { useDisplayPrefs } from './display-prefs'
import './tokens.css'
import './page-shell.css'

/**
 * The root of every page: applies the theme tokens and the text scale (WeChat font setting ×
 * 长辈版), and holds the privacy popup WeChat's privacy check asks for. Pages render their feature inside it.
 */
export function PageShell({ children, className }: { children: ReactNode; className?: string }) {
  const { elderMode, scale } = useDisplayPrefs()
  useEffect(installPrivacyGate, [])
  const style = { '--text-scale': String(scale) } as CSSProperties
  const classes = ['theme', elderMode ? 'theme--elder' : '', className ?? ''].filter(Boolean).join(' ')
  const root = useRef(null)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    // H5: Taro's page container (.taro_page) is what scrolls; a keyboard can scroll it only once
    // it can take focus (WCAG 2.1.1, axe's scrollable-region-focusable).
    const page = (root.current as HTMLElement | null)?.closest?.('.taro_page')
    if (page && !page.hasAttribute('tabindex')) page.setAttribute('tabindex', '0')
  }, [])
  return (
    <View ref={root} className={classes} style={style} data-text-scale={String(scale)}>
      {children}
      <PrivacyPopup />
    </View>
  )
}
