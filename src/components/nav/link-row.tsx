import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'

/** A whole-width card row that opens a page: the big, plain way into a sub-page. */
export function LinkRow({ label, url, hint }: { label: string; url: string; hint?: string }) {
  return (
    <View className='card link-row' onClick={() => void Taro.navigateTo({ url })}>
      <View>
        <Text>{label}</Text>
        {hint && <Text className='status-line'>{hint}</Text>}
      </View>
      <Text className='text-soft'>›</Text>
    </View>
  )
}
