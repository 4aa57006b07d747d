// The `classes` function (四点半课堂): terms, children, enrolment and waitlist, tutors, attendance,
// pickup; its jobs run the waitlist, finish half-done bookings and joins, warn of tutor shortages
// and children not collected.
// Built to index.js by `npm run build:functions`; the one shape of every entry is define-function.ts.
import { classesActions, classesDeps } from '../../src/server/classes/classes.actions'
import { classesJobs } from '../../src/server/classes/classes.jobs'
import { defineFunction } from '../../src/server/define-function'

export const main = defineFunction({ name: 'classes', actions: classesActions, jobs: classesJobs, deps: classesDeps })
