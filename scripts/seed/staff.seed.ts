/**
 * Staff demo data on top of the demo community: this half-year's satisfaction survey (8 aspects,
 * as the community runs twice a year) with 80 answers collected on paper across the 8 grids, so
 * the results page and the dashboard have something to show.
 *
 * Deterministic ids and insert-if-absent writes: idempotent, safe on every start.
 */
import type { SurveyAnswerRecord, SurveyRecord } from '../../src/core/staff/staff.model'
import { shanghaiDate, shanghaiInstant } from '../../src/core/shared/shanghai-time'
import type { Db } from '../../src/server/db/client'
import { insertIfAbsent } from '../../src/server/db/client'
import { createRng } from './prng'
import { seedScope } from './demo-community'

export const DEMO_SURVEY_ASPECTS = [
  '环境卫生',
  '治安秩序',
  '办事效率',
  '服务态度',
  '为老服务',
  '儿童关爱',
  '文体活动',
  '信息公开'
]

export async function seedStaff(db: Db, now: Date = new Date()): Promise<{ written: number }> {
  const today = shanghaiDate(now)
  const [y, m] = today.split('-').map(Number)
  const half = m <= 6 ? 1 : 2
  const { id } = seedScope(db)
  const surveyId = id(`survey-${y}-h${half}`)
  const survey: SurveyRecord = {
    _id: surveyId,
    title: `${y}年${half === 1 ? '上' : '下'}半年居民满意度调查`,
    aspects: DEMO_SURVEY_ASPECTS,
    opensAt: shanghaiInstant(`${y}-${half === 1 ? '01' : '07'}-01`, '00:00'),
    closesAt: half === 1 ? shanghaiInstant(`${y}-07-01`, '00:00') : shanghaiInstant(`${y + 1}-01-01`, '00:00'),
    createdBy: 'system:seed',
    createdAt: now
  }
  let written = 0
  if (await insertIfAbsent(db, 'staff_surveys', survey as unknown as { _id: string } & Record<string, unknown>))
    written++
  const rng = createRng(20261123)
  for (let i = 0; i < 80; i++) {
    const openId = id(`seed-paper-${String(i).padStart(3, '0')}`)
    const answer: SurveyAnswerRecord = {
      _id: `${surveyId}:${openId}`,
      surveyId,
      openId,
      gridId: id(`grid-${(i % 8) + 1}`),
      // Mostly satisfied, with the honest spread a paper survey shows.
      scores: DEMO_SURVEY_ASPECTS.map(() => Math.min(5, Math.max(1, Math.round(3.9 + (rng.next() - 0.5) * 3)))),
      comment: '',
      at: now
    }
    if (
      await insertIfAbsent(db, 'staff_survey_answers', answer as unknown as { _id: string } & Record<string, unknown>)
    )
      written++
  }
  return { written }
}
