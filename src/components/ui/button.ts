// NutUI Button, imported on its own with only its own stylesheet (the full NutUI CSS costs ~230 KB).
import Button from '@nutui/nutui-react-taro/dist/es/packages/button'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'

export default Button
