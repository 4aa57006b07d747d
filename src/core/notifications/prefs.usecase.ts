/** 消息设置: the topics a person muted (kept in the inbox, never pushed). */
import type { Caller } from '../community/caller'
import type { Result } from '../shared/wire'
import { ok } from '../shared/wire'
import type { NotificationsDeps } from './notifications.ports'
import type { MutableTopic, SetPrefsInput } from './notifications.schemas'
import { mutableTopics, topicLabels } from './notifications.schemas'
import type { PrefsView } from './notifications.views'

export async function getPrefs(
  { store }: NotificationsDeps,
  _input: unknown,
  caller: Caller
): Promise<Result<PrefsView, never>> {
  const prefs = await store.prefs(caller.openId)
  // Stored by setPrefs from the same enum, so every entry is a mutable topic.
  const mutedTopics = (prefs?.mutedTopics ?? []).filter((t): t is MutableTopic =>
    (mutableTopics as readonly string[]).includes(t)
  )
  return ok({ mutedTopics, topics: mutableTopics.map(t => ({ key: t, label: topicLabels[t] })) })
}

export async function setPrefs(
  { store, clock, audit }: NotificationsDeps,
  input: SetPrefsInput,
  caller: Caller
): Promise<Result<{ mutedTopics: MutableTopic[] }, never>> {
  const mutedTopics = [...new Set(input.mutedTopics)]
  await store.savePrefs({ _id: caller.openId, mutedTopics, updatedAt: clock.now() })
  await audit.record({
    actor: caller.openId,
    action: 'notifications.set-prefs',
    target: `notify_prefs/${caller.openId}`,
    data: { mutedTopics }
  })
  return ok({ mutedTopics })
}
