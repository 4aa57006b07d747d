/**
 * The ledgers (台账) staff can export, in the order they are offered. Each is declared by the
 * context that owns its records (`src/server/<ctx>/<ctx>.ledgers.ts`, shape in export-source.ts);
 * the generic part (pages, progress, the .xlsx) is export.service.ts. A source whose collection
 * doesn't exist in this environment is simply not offered.
 */
import { attendanceLedger, classRosterLedger } from '../classes/classes.ledgers'
import { partyMembersLedger, residentsLedger, residentsServedLedger } from '../community/community.ledgers'
import { careRequestsLedger, eldersLedger, sosCallsLedger } from '../elder-care/elder-care.ledgers'
import { patrolsLedger, reportsLedger, visitsLedger } from '../grid/grid.ledgers'
import { serviceRequestsLedger } from '../service-card/service-card.ledgers'
import { partyQuarterlyLedger, volunteerHoursLedger, volunteersLedger } from '../volunteers/volunteers.ledgers'
import type { ExportSource } from './export-source'

export const exportSources: ExportSource[] = [
  residentsServedLedger,
  residentsLedger,
  partyMembersLedger,
  volunteersLedger,
  eldersLedger,
  attendanceLedger,
  classRosterLedger,
  serviceRequestsLedger,
  careRequestsLedger,
  sosCallsLedger,
  reportsLedger,
  volunteerHoursLedger,
  partyQuarterlyLedger,
  patrolsLedger,
  visitsLedger
]
