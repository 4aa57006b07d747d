// Deliberately never built: the host must report and skip this folder.
export async function main (): Promise<string> {
  return 'never built'
}
