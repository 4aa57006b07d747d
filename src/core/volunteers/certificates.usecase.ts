/**
 * 志愿服务记录证明 (民政部令第67号《志愿服务记录与证明出具办法》): identity, service content,
 * hours, issuing organisation, serial number and date, from verified records only; a public lookup
 * by serial; and per-member / per-employer CSV exports for 双报到 feedback.
 */
import { maskName } from '../community/mask-name'
import type { Caller } from '../community/caller'
import { DEFAULT_COMMUNITY_ID } from '../community/community.model'
import { maskPhone } from '../community/mask-phone'
import { bytesToBase64 } from '../shared/base64'
import { ok } from '../shared/wire'
import { quarterOf, shanghaiDate } from '../shared/shanghai-time'
import { certificateSerial, toCsv } from './certificate.rule'
import { isStaff } from './organiser.rule'
import { homeOf, numberOf, statusOf } from './register.usecase'
import type { VolunteersResult } from './volunteers.contract'
import { failWith } from './volunteers.errors'
import type { VolunteersDeps } from './volunteers.ports'
import type { AttendanceRecord, CertificateRecord, VolunteerRecord } from './volunteers.model'

const sum = (rs: AttendanceRecord[]): number => rs.reduce((n, r) => n + r.hours, 0)
/** The community a record was served in (stamped by its community's view; none: from before the street). */
const communityOfRecord = (r: AttendanceRecord): string => r.communityId ?? DEFAULT_COMMUNITY_ID

export async function issueCertificate(
  deps: VolunteersDeps,
  _input: unknown,
  caller: Caller
): Promise<VolunteersResult<'issueCertificate'>> {
  const { store, clock } = deps
  const v = await store.volunteerOfUser(caller.openId)
  if (!v || statusOf(v) !== 'approved') return failWith('NOT_APPROVED')
  // The one record: verified service in every community of the street, each item with the community's name; issued
  // in the name of the home community (where they live and registered).
  const records = await store.verifiedOf(v._id)
  if (records.length === 0) return failWith('NO_HOURS')
  const home = homeOf(v)
  const names = await store.communityNames([...new Set([home, ...records.map(communityOfRecord)])])
  const nameOf = (id: string): string => names.get(id) ?? '本社区'
  const now = clock.now()
  const year = Number(shanghaiDate(now).slice(0, 4))
  // The sequence is one conditional increment per certificate: two issued at once get two numbers.
  const serial = certificateSerial(year, await store.nextCertificateSeq(year))
  const cert: CertificateRecord = {
    _id: serial,
    serial,
    communityId: home,
    volunteerId: v._id,
    userId: caller.openId,
    name: v.name,
    volunteerNumber: numberOf(v),
    phoneMasked: v.phone ? maskPhone(v.phone) : null,
    items: records.map(r => ({
      date: shanghaiDate(r.startAt),
      content: r.title,
      hours: r.hours,
      community: nameOf(communityOfRecord(r))
    })),
    totalHours: sum(records),
    from: shanghaiDate(records[0].startAt),
    to: shanghaiDate(records[records.length - 1].startAt),
    issuer: `${nameOf(home)}居民委员会`,
    issuedAt: now
  }
  await store.insertCertificate(cert)
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.issue-certificate',
    target: `vol_certificates/${serial}`,
    data: { hours: cert.totalHours }
  })
  return ok({ serial, totalHours: cert.totalHours })
}

export async function myCertificates(
  deps: VolunteersDeps,
  _input: unknown,
  caller: Caller
): Promise<VolunteersResult<'certificates'>> {
  const v = await deps.store.volunteerOfUser(caller.openId)
  if (!v) return ok([])
  const list = await deps.store.certificatesOf(v._id)
  return ok(list.map(c => ({ serial: c.serial, totalHours: c.totalHours, issuedAt: shanghaiDate(c.issuedAt) })))
}

/** The PDF, base64, for the holder (or staff). */
export async function downloadCertificate(
  deps: VolunteersDeps,
  input: { serial: string },
  caller: Caller
): Promise<VolunteersResult<'downloadCertificate'>> {
  const cert = await deps.store.certificate(input.serial)
  if (!cert) return failWith('NOT_FOUND')
  // Certificates are street-wide: besides the holder, only their home community's staff open one.
  const homeStaff = isStaff(caller) && (cert.communityId ?? DEFAULT_COMMUNITY_ID) === caller.communityId
  if (cert.userId !== caller.openId && !homeStaff) return failWith('FORBIDDEN')
  const bytes = await deps.pdf.render(cert)
  return ok({ serial: cert.serial, fileName: `志愿服务记录证明-${cert.serial}.pdf`, pdfBase64: bytesToBase64(bytes) })
}

/** Anyone may check a serial: the answer shows the name half-masked, the hours and the issuer. */
export async function verifyCertificate(
  deps: VolunteersDeps,
  input: { serial: string }
): Promise<VolunteersResult<'verifyCertificate'>> {
  const cert = await deps.store.certificate(input.serial)
  if (!cert) return ok({ valid: false, serial: input.serial })
  return ok({
    valid: true,
    serial: cert.serial,
    name: maskName(cert.name),
    totalHours: cert.totalHours,
    issuer: cert.issuer,
    issuedAt: shanghaiDate(cert.issuedAt)
  })
}

/** Kept here too for the certificate's callers: one definition, in community/mask-name.ts. */
export { maskName }

const header = ['姓名', '志愿者编号', '党员类别', '所在单位党组织', '日期', '服务内容', '地点', '时长（小时）', '季度']

function rowsOf(v: VolunteerRecord, records: AttendanceRecord[]): unknown[][] {
  return records.map(r => [
    v.name,
    numberOf(v),
    v.party?.type ?? '',
    v.party?.employerOrg ?? '',
    shanghaiDate(r.startAt),
    r.title,
    r.place,
    r.hours,
    quarterOf(r.startAt).label
  ])
}

/** One party member's service record (党员服务档案), verified hours only. */
export async function exportMember(
  deps: VolunteersDeps,
  input: { volunteerId: string },
  caller: Caller
): Promise<VolunteersResult<'exportMember'>> {
  // The community's own party members only (the record is street-wide); their service anywhere in the street.
  const v = await deps.store.volunteerHere(input.volunteerId)
  if (!v) return failWith('NOT_FOUND')
  const records = await deps.store.verifiedOf(v._id)
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.export-member',
    target: `volunteers/${v._id}`,
    reason: '双报到服务情况反馈'
  })
  return ok({ fileName: `服务记录-${v.name}.csv`, csv: toCsv(header, rowsOf(v, records)), rows: records.length })
}

/** Every party member reporting from one employer's party organisation (向所在单位党组织反馈). */
export async function exportEmployer(
  deps: VolunteersDeps,
  input: { employerOrg: string },
  caller: Caller
): Promise<VolunteersResult<'exportEmployer'>> {
  const members = (await deps.store.approvedPartyMembers()).filter(m => m.party?.employerOrg === input.employerOrg)
  const rows: unknown[][] = []
  for (const m of members) rows.push(...rowsOf(m, await deps.store.verifiedOf(m._id)))
  await deps.audit.record({
    actor: caller.openId,
    action: 'volunteers.export-employer',
    target: 'volunteers',
    reason: '双报到服务情况反馈',
    data: { employerOrg: input.employerOrg, members: members.length }
  })
  return ok({
    fileName: `双报到反馈-${input.employerOrg}.csv`,
    csv: toCsv(header, rows),
    rows: rows.length,
    members: members.length
  })
}
