// The `classes` function (四点半课堂): terms, children, enrolment and waitlist, tutors, attendance,
// pickup. Built to index.js by `npm run build:functions`.
import { classesActions, classesDeps, classesTimers } from '../../src/server/classes/classes.actions'
import { classesMain } from '../../src/server/classes/classes.handler'

export const main = classesMain(classesActions, classesTimers, classesDeps)
