// NutUI Cell, imported on its own with only its own stylesheet (the full NutUI CSS costs ~230 KB).
import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'

export default Cell
