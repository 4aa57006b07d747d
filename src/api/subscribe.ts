/**
 * Asking for subscribe-message grants (订阅消息授权) at a natural tap: enrol, book, claim, submit.
 *
 * WeChat lets the mini-program send one message per "allow" the user tapped, and the dialog may
 * only open from a tap, before anything awaits. So template ids are loaded ahead
 * (`preloadTemplateIds` when a page that will ask opens), and `askForGrants` is called first
 * thing in the tap handler; it reports what the user chose so the server counts the grants.
 * In the H5 demo there is no WeChat dialog: the persona is taken to allow, so the outbox shows
 * what would be sent.
 */
import { useCallback, useEffect } from 'react'
import Taro from '@tarojs/taro'
import type { TemplateKey } from '@/core/notifications/notify.ports'
import { notificationsContract } from '@/core/notifications/notifications.contract'
import { callAction } from './call-action'
import { newRequestId } from './request-id'

const ids = new Map<TemplateKey, string>()

export async function preloadTemplateIds(keys: TemplateKey[]): Promise<void> {
  const missing = keys.filter(k => !ids.has(k))
  if (missing.length === 0) return
  const res = await callAction(notificationsContract.templateIds, { keys: missing.slice(0, 3) })
  if (!res?.ok) return
  for (const [k, id] of Object.entries(res.data.templateIds)) if (id) ids.set(k as TemplateKey, id)
}

type Choice = 'accept' | 'reject' | 'ban' | 'filter'

/** Opens WeChat's dialog for up to 3 templates and reports the choices. Never throws. */
export async function askForGrants(keys: TemplateKey[]): Promise<void> {
  const wanted = keys.slice(0, 3).filter(k => ids.has(k))
  if (wanted.length === 0) return
  let results: Array<{ template: TemplateKey; result: Choice }>
  if (process.env.TARO_ENV === 'h5') {
    results = wanted.map(template => ({ template, result: 'accept' }))
  } else {
    try {
      const answer = (await Taro.requestSubscribeMessage({
        tmplIds: wanted.map(k => ids.get(k)!),
        entityIds: []
      } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
      results = wanted.map(template => ({ template, result: toChoice(answer[ids.get(template)!]) }))
    } catch {
      return // the user closed the dialog, or the base library is too old: ask again next time
    }
  }
  // One report per tap: its requestId makes the transport's own retries count the taps once.
  await callAction(notificationsContract.reportGrants, { results }, { requestId: newRequestId() })
}

function toChoice(answer: string | undefined): Choice {
  return answer === 'accept' || answer === 'ban' || answer === 'filter' ? answer : 'reject'
}

/**
 * For a page with a tap that deserves a reminder later (enrol, book, claim, submit): loads the
 * template ids when the page opens and returns `ask`, to await first thing in the tap handler.
 */
export function useSubscribeGrants(keys: TemplateKey[]): () => Promise<void> {
  const joined = keys.join(',')
  useEffect(() => {
    void preloadTemplateIds(joined.split(',') as TemplateKey[]).catch(() => undefined)
  }, [joined])
  return useCallback(
    async () => await askForGrants(joined.split(',') as TemplateKey[]).catch(() => undefined),
    [joined]
  )
}
