/** Photos of a report: the storage helper's picker (components/photos), at most MAX_PHOTOS. */
export function ReportPhotos(_props: { value: string[]; onChange: (ids: string[]) => void }) {
  return null
}
