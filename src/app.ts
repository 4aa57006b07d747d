import type { PropsWithChildren } from 'react'
import { sendToPickerWithoutPersona } from './features/dev-login/persona-gate'
import './app.css'
import './components/theme/tokens.css'

// H5 demo only: no page may load (and call functions) before a persona is picked. This module
// runs before Taro's H5 router reads the address, so the first page it shows is the picker.
// eslint-disable-next-line no-restricted-globals -- H5 only: the weapp has no address to rewrite
if (process.env.TARO_ENV === 'h5') sendToPickerWithoutPersona(window.location, window.history)

function App({ children }: PropsWithChildren) {
  return children
}

export default App
