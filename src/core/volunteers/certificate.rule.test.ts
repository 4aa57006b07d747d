import { certificateSerial, csvField, toCsv } from './certificate.rule'

describe('certificates and CSV', () => {
  it('formats serials', () => {
    expect(certificateSerial(2026, 42)).toBe('CH-2026-000042')
  })
  it('quotes CSV fields and neutralises formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"')
    expect(csvField('=1+1')).toBe("'=1+1")
    expect(toCsv(['姓名'], [['陈志强']])).toBe('\uFEFF姓名\r\n陈志强\r\n')
  })
})
