/** What the staff function answers, as the pages use it (the server's shapes, read-only here). */
export interface Paged<T> { items: T[], cursor: string | null }

export interface MenuAnswer { items: Array<{ key: string, label: string, hint: string, page: string }>, name: string | null }

export interface TodoAnswer {
  rows: Array<{ key: string, label: string, count: number, hint: string, page: string }>
  gridId: string | null
}

export interface GridOption { gridId: string, name: string }

export interface InviteItem { code: string, role: string, roleLabel: string, name: string, gridId: string | null, expiresAt: string }

export interface UserItem { userId: string, name: string, roles: string[], roleLabels: string[], gridId: string | null, phoneMasked: string | null }

export interface AuditItem {
  id: string, at: string, actor: string, actorName: string | null, action: string, target: string,
  reason: string | null, onBehalfOf: string | null,
  /** In words (core/staff/audit-words.ts), what the page shows instead of the codes. */
  actionText: string, targetText: string, onBehalfOfName: string | null
}

export interface MyDataSection {
  collection: string, label: string, count: number, records: Array<Record<string, unknown>>,
  onDelete: 'delete' | 'keep' | 'anonymise', why: string | null
}
export interface MyDataAnswer {
  generatedAt: string, name: string | null, sections: MyDataSection[],
  erasure: { status: string, requestedAt: string } | null
}

export interface ErasureItem { userId: string, name: string, gridId: string | null, status: string, requestedAt: string }

export interface ExportJob {
  jobId: string, kind: string, title: string, status: 'running' | 'writing' | 'done' | 'failed',
  total: number, done: number, percent: number, fileName: string | null, fileParts: number, fileBytes: number
}

export interface DashboardAnswer {
  period: { kind: 'week' | 'month', label: string }
  gridId: string | null
  gridName: string | null
  sections: Array<{
    key: string, title: string, available: boolean,
    metrics: Array<{ label: string, value: number | null, unit: string }>,
    bars: Array<{ label: string, value: number }>, barsTitle: string
  }>
}

export interface SurveyInfo { surveyId: string, title: string, aspects: string[], opensOn: string, closesOn: string }
export interface CurrentSurveyAnswer { survey: SurveyInfo | null, answered: boolean }
export interface SurveyResultsAnswer {
  survey: SurveyInfo | null, total: number, overall: Array<number | null>,
  grids: Array<{ gridId: string, gridName: string, answers: number, averages: Array<number | null> }>
}
