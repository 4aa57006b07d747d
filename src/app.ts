import type { PropsWithChildren } from 'react'
import './app.css'
import './components/theme/tokens.css'

function App ({ children }: PropsWithChildren) {
  return children
}

export default App
