// NutUI Tag, imported on its own with only its own stylesheet (the full NutUI CSS costs ~230 KB).
import Tag from '@nutui/nutui-react-taro/dist/es/packages/tag'
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css'

export default Tag
