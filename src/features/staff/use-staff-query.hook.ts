import * as z from 'zod'
import { useCloudQuery, type CloudQuery } from '@/api/use-cloud-query.hook'
import { STAFF_FN } from './staff-api'

/**
 * One staff read on mount. The server's answer is typed by the use case; here it is only checked
 * to be an object, so a server out of step shows an error instead of crashing the page.
 */
export function useStaffQuery<T extends object> (action: string, payload: Record<string, unknown> = {}): CloudQuery<T> {
  return useCloudQuery<T>({
    fn: STAFF_FN,
    action,
    payload,
    schema: z.custom<T>(v => typeof v === 'object' && v !== null),
    badResponse: '数据格式有误，请更新小程序后重试'
  })
}
