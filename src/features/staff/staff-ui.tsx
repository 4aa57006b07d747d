/**
 * Small building blocks the staff pages share: loading/error card, notices, bars, choices (fields: components/form).
 */
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '@/components/ui/button'
import type { WireError } from '@/core/shared/wire'
import { staffCopy } from './copy'
import './staff.css'

export function LoadState({
  error,
  loading,
  reload
}: {
  error: WireError | null
  loading: boolean
  reload: () => void
}) {
  return (
    <View className='card staff-status'>
      <Text className='staff-status__text'>{error ? error.message : staffCopy.loading}</Text>
      {error && (
        <Button type='primary' size='large' block disabled={loading} onClick={reload}>
          {staffCopy.retry}
        </Button>
      )}
    </View>
  )
}

export function Notice({ children, tone = 'calm' }: { children: ReactNode; tone?: 'calm' | 'danger' }) {
  return (
    <View className={`staff-notice staff-notice--${tone}`} role='status'>
      <Text>{children}</Text>
    </View>
  )
}

export interface BarDatum {
  label: string
  value: number
}

/**
 * A bar chart made of Views: works the same on H5 and weapp, scales with the text size, and
 * each bar carries its number as text, so a screen reader reads the figures.
 */
export function Bars({ title, bars, unit = '' }: { title: string; bars: BarDatum[]; unit?: string }) {
  const max = Math.max(1, ...bars.map(b => b.value))
  return (
    <View className='staff-bars' aria-label={title}>
      <Text className='staff-bars__title'>{title}</Text>
      {bars.map(b => (
        <View className='staff-bars__row' key={b.label}>
          <Text className='staff-bars__label'>{b.label}</Text>
          <View className='staff-bars__track'>
            <View className='staff-bars__bar' style={{ width: `${Math.round((b.value / max) * 100)}%` }} />
          </View>
          <Text className='staff-bars__value'>
            {b.value}
            {unit}
          </Text>
        </View>
      ))}
    </View>
  )
}

export function Choice<T extends string>({
  options,
  value,
  onChange,
  label
}: {
  options: Array<{ value: T; label: string }>
  value: T
  onChange: (v: T) => void
  label: string
}) {
  return (
    <View className='staff-choice' role='radiogroup' aria-label={label}>
      {options.map(o => (
        <View
          key={o.value}
          role='radio'
          aria-checked={o.value === value}
          className={`staff-choice__item${o.value === value ? ' staff-choice__item--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
