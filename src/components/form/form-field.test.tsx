import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { FormProblem, SubmitButton, TextField } from './form-field'
import { formProblems } from './field-errors'
import { useFormProblems } from './use-form-problems.hook'
import { useRefusal } from './use-refusal.hook'
import { typeInto } from '../../../test/setup/form-input'

jest.mock('@tarojs/taro', () => require('../../../test/setup/taro.mock').taroMock())

const invalid = {
  code: 'INVALID_INPUT',
  message: '提交的内容有误，请检查后重试',
  // As the router answers (router.ts invalid()): paths from the request's root.
  details: {
    issues: [
      { path: 'payload.title', message: '标题最多40个字' },
      { path: 'payload.aspects.2', message: '太短' },
      { path: 'payload.x', message: '未知' }
    ]
  }
}

describe('formProblems', () => {
  it('puts each INVALID_INPUT issue at its field, named by its label', () => {
    expect(formProblems(invalid, { title: '标题', aspects: '评价方面' })).toEqual({
      fields: { title: '标题：标题最多40个字', aspects: '评价方面：太短' },
      form: '提交的内容有误，请检查后重试；未知'
    })
  })
  it('keeps a business "can\'t" for the form, beside its button', () => {
    expect(formProblems({ code: 'CONFLICT', message: '这个时段已约满' }, { title: '标题' })).toEqual({
      fields: {},
      form: '这个时段已约满'
    })
  })
  it('puts a business refusal about one field at that field, as the whole sentence it is', () => {
    const wrongCode = { code: 'CODE_INVALID', message: '签到码不正确或已过期，请扫描现场最新的二维码' }
    expect(formProblems(wrongCode, { code: '签到码' }, { CODE_INVALID: 'code' })).toEqual({
      fields: { code: wrongCode.message },
      form: null
    })
    // Another refusal of the same form stays beside its button.
    expect(
      formProblems(
        { code: 'TOO_EARLY', message: '活动开始前1小时才能签到' },
        { code: '签到码' },
        { CODE_INVALID: 'code' }
      )
    ).toEqual({ fields: {}, form: '活动开始前1小时才能签到' })
  })
  it('still says something when the issues are missing', () => {
    expect(formProblems({ code: 'INVALID_INPUT', message: '提交的内容有误' }, { title: '标题' }).form).toBe(
      '提交的内容有误'
    )
  })
})

function Form({ onSubmit }: { onSubmit: () => void }) {
  const [title, setTitle] = useState('')
  const problems = useFormProblems({ title: '标题' })
  return (
    <>
      <TextField
        label='标题'
        name='title'
        value={title}
        maxLength={10}
        error={problems.field('title')}
        onChange={v => {
          setTitle(v)
          problems.clear('title')
        }}
      />
      <SubmitButton
        disabledReason={title ? null : '请先填写标题'}
        problem={problems.form}
        onClick={() => {
          onSubmit()
          problems.show(invalid)
        }}
      >
        发布
      </SubmitButton>
    </>
  )
}

function type(value: string): void {
  typeInto('title', value)
}

it('shows the limit while typing, says why it is disabled, and puts the problem at the field', () => {
  const onSubmit = jest.fn()
  render(<Form onSubmit={onSubmit} />)
  expect(screen.getByText('0/10')).toBeTruthy()
  expect(screen.getByText('请先填写标题')).toBeTruthy()
  type('社区停水通知')
  expect(screen.getByText('6/10')).toBeTruthy()
  expect(screen.queryByText('请先填写标题')).toBeNull()
  fireEvent.click(screen.getByText('发布'))
  expect(onSubmit).toHaveBeenCalled()
  const atField = screen.getByText('标题：标题最多40个字')
  expect(atField.closest('[role="alert"]')?.id).toBe('title-error')
  // Typing again clears that field's message.
  type('社区停水')
  expect(screen.queryByText('标题：标题最多40个字')).toBeNull()
})

function Rows({
  call
}: {
  call: (id: string) => Promise<{ ok: true; data: null } | { ok: false; error: { code: string; message: string } }>
}) {
  const refusal = useRefusal()
  return (
    <>
      {['a', 'b'].map(id => (
        <div key={id} data-testid={`row-${id}`}>
          <FormProblem problem={refusal.at(id)} />
          <button onClick={() => void refusal.tap(id, () => call(id))}>{`取消${id}`}</button>
        </div>
      ))}
    </>
  )
}

it('says a one-tap refusal in the row tapped, not in a toast, and keeps it until the next tap', async () => {
  const call = jest.fn(async (id: string) =>
    id === 'a'
      ? { ok: false as const, error: { code: 'TOO_LATE', message: '开始前2小时内不能取消' } }
      : { ok: true as const, data: null }
  )
  render(<Rows call={call} />)
  fireEvent.click(screen.getByText('取消a'))
  const said = await screen.findByText('开始前2小时内不能取消')
  expect(said.closest('[data-testid="row-a"]')).toBeTruthy()
  expect(said.closest('[role="alert"]')).toBeTruthy()
  expect(Taro.showToast).not.toHaveBeenCalled()
  // The next tap, on another row, clears it: it succeeds and says nothing there.
  fireEvent.click(screen.getByText('取消b'))
  await waitFor(() => expect(screen.queryByText('开始前2小时内不能取消')).toBeNull())
  expect(call).toHaveBeenCalledTimes(2)
})
