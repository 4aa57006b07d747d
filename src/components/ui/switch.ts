// NutUI Switch, imported on its own with only its own stylesheet (the full NutUI CSS costs ~230 KB).
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'

export default Switch
