/**
 * The one form kit of the app: a labelled field that shows its limit while typing (23/100) and
 * its problem beneath it, date/time by picker, and a submit button that says why it is disabled
 * and shows the form's problem beside it (never a toast over the button just tapped: a toast there
 * swallows the next tap). Works the same on weapp and H5.
 */
import type { ReactNode } from 'react'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Button from '@/components/ui/button'
import { shanghaiInstant } from '@/core/shared/shanghai-time'
import { charCount } from './field-errors'
import './form.css'

interface FieldProps {
  label: string
  /** The input's name: tests and the weapp simulation find fields by it; keep it stable. */
  name: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  /** The server's limit: typing stops there, and for text the count is shown (23/100). */
  maxLength?: number
  /** false for a code a camera may fill in (a QR text): its limit is not one a person types to. */
  counter?: boolean
  /** This field's problem, e.g. from formProblems(). */
  error?: string | null
  hint?: string
  multiline?: boolean
  type?: 'text' | 'number' | 'digit' | 'idcard'
  disabled?: boolean
}

export function TextField({
  label,
  name,
  value,
  onChange,
  placeholder,
  maxLength,
  counter = true,
  error,
  hint,
  multiline,
  type,
  disabled
}: FieldProps) {
  // Text is counted as it's typed; a number's few digits need no counter.
  const counted = counter && maxLength !== undefined && (type === undefined || type === 'text')
  const count = counted ? charCount(value) : 0
  const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined
  const aria = { 'aria-label': label, 'aria-invalid': error ? true : undefined, 'aria-describedby': described }
  const common = {
    className: `form-field__input${multiline ? ' form-field__input--multi' : ''}${error ? ' form-field__input--bad' : ''}`,
    name,
    value,
    placeholder,
    disabled,
    maxlength: maxLength ?? -1,
    // WeChat reads aria-* on the component itself; Taro's H5 Input and Textarea wrap a native
    // element and pass only `nativeProps` on to it, so a browser's reader hears the label too.
    ...aria,
    nativeProps: aria
  }
  return (
    <View className='form-field'>
      <View className='form-field__head'>
        <Text className='form-field__label'>{label}</Text>
        {counted && (
          <Text
            className={`form-field__count${count >= maxLength ? ' form-field__count--full' : ''}`}
            aria-live='polite'
          >
            {`${count}/${maxLength}`}
          </Text>
        )}
      </View>
      {multiline ? (
        <Textarea {...common} autoHeight onInput={e => onChange(e.detail.value)} />
      ) : (
        <Input {...common} type={type ?? 'text'} onInput={e => onChange(e.detail.value)} />
      )}
      {hint && (
        <Text id={`${name}-hint`} className='form-field__hint'>
          {hint}
        </Text>
      )}
      {error && (
        <View id={`${name}-error`} className='form-field__error' role='alert'>
          <Text>{error}</Text>
        </View>
      )}
    </View>
  )
}

interface PickerFieldProps {
  label: string
  name: string
  /** 'YYYY-MM-DD' for a date, 'HH:mm' for a time; '' when not chosen yet. */
  value: string
  onChange: (value: string) => void
  mode: 'date' | 'time'
  placeholder?: string
  start?: string
  end?: string
  error?: string | null
}

/** A date or a time, chosen on the phone's own picker rather than typed in a format. */
export function PickerField({ label, name, value, onChange, mode, placeholder, start, end, error }: PickerFieldProps) {
  const shown = value || (placeholder ?? (mode === 'date' ? '选择日期' : '选择时间'))
  return (
    <View className='form-field'>
      <Text className='form-field__label'>{label}</Text>
      <Picker
        mode={mode}
        name={name}
        value={value}
        start={start}
        end={end}
        onChange={e => onChange(String(e.detail.value))}
      >
        <View
          className={`form-field__input form-field__picker${value ? '' : ' form-field__picker--empty'}${error ? ' form-field__input--bad' : ''}`}
          role='button'
          aria-label={`${label}：${shown}`}
        >
          <Text>{shown}</Text>
          <Text className='form-field__picker-go' aria-hidden>
            ›
          </Text>
        </View>
      </Picker>
      {error && (
        <View className='form-field__error' role='alert'>
          <Text>{error}</Text>
        </View>
      )}
    </View>
  )
}

/** A DateTimeField's value ('2026-11-28 09:00', Beijing) as the instant; null until both are picked. */
export function pickedInstant(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(value)
  return m ? shanghaiInstant(m[1], m[2]) : null
}

/** A moment: a date picker and a time picker side by side; `value` is 'YYYY-MM-DD HH:mm'. */
export function DateTimeField({
  label,
  name,
  value,
  onChange,
  start,
  error
}: Omit<PickerFieldProps, 'mode' | 'placeholder' | 'end'>) {
  const [date = '', time = ''] = value.split(' ')
  const join = (d: string, t: string) => onChange(`${d} ${t}`.trim())
  return (
    <View className='form-field'>
      <Text className='form-field__label'>{label}</Text>
      <View className='form-field__pair'>
        <PickerField
          label={`${label}（日期）`}
          name={`${name}-date`}
          mode='date'
          value={date}
          start={start}
          onChange={d => join(d, time || '09:00')}
        />
        <PickerField
          label={`${label}（时间）`}
          name={`${name}-time`}
          mode='time'
          value={time}
          onChange={t => join(date, t)}
        />
      </View>
      {error && (
        <View className='form-field__error' role='alert'>
          <Text>{error}</Text>
        </View>
      )}
    </View>
  )
}

interface SubmitProps {
  children: ReactNode
  onClick: () => void
  busy?: boolean
  busyText?: string
  /** Why it can't be tapped yet ("请先填写标题"); null when it can. Shown, not hidden in grey. */
  disabledReason?: string | null
  /** The form's problem (formProblems().form): beside the button, never over it. */
  problem?: string | null
  type?: 'primary' | 'default' | 'danger'
}

/**
 * A "can't" answered to a tap, shown where the person looks, above the buttons it is about: for
 * rows of small buttons (代签到 / 记为缺席) that are not one SubmitButton. Nothing when null.
 */
export function FormProblem({ problem }: { problem?: string | null }) {
  if (!problem) return null
  return (
    <View className='form-submit__problem' role='alert'>
      <Text>{problem}</Text>
    </View>
  )
}

export function SubmitButton({
  children,
  onClick,
  busy,
  busyText,
  disabledReason,
  problem,
  type = 'primary'
}: SubmitProps) {
  return (
    <View className='form-submit'>
      <FormProblem problem={problem} />
      {disabledReason && !busy && <Text className='form-submit__why'>{disabledReason}</Text>}
      <Button type={type} size='large' block disabled={busy || !!disabledReason} onClick={onClick}>
        {busy && busyText ? busyText : children}
      </Button>
    </View>
  )
}
