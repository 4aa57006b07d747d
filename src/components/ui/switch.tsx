// NutUI Switch, imported on its own with only its own stylesheet (the full NutUI CSS costs ~230 KB).
import NutSwitch from '@nutui/nutui-react-taro/dist/es/packages/switch'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import type { ComponentProps } from 'react'

type Props = ComponentProps<typeof NutSwitch> & { label: string }

/**
 * NutUI writes WeChat's attribute names (aria-role, tab-index) on its View: right in the weapp,
 * unknown to a browser, so on H5 they become role/aria-checked that a screen reader understands
 * (aria-checked as text: a `false` attribute value would be dropped, and a switch needs it).
 */
export default function Switch({ label, ...props }: Props) {
  const h5 =
    process.env.TARO_ENV === 'h5'
      ? {
          ariaRole: undefined,
          ariaChecked: undefined,
          ariaDisabled: undefined,
          tabIndex: undefined,
          role: 'switch',
          'aria-checked': props.checked ? 'true' : 'false',
          'aria-label': label
        }
      : { ariaLabel: label }
  return <NutSwitch {...props} {...(h5 as object)} />
}
