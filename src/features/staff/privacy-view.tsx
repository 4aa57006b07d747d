import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LinkRow } from '@/components/nav/link-row'
import { privacyPageCopy as copy } from './privacy-copy'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import './staff.css'

/** 个人信息保护说明 (PIPL): what Linli collects, why, who sees it, and the way to export or delete it. */
export function PrivacyView() {
  return (
    <PageShell className='staff privacy'>
      <Text className='status-line'>{copy.pageIntro}</Text>
      {copy.sections.map(s => (
        <View key={s.title} className='card' data-testid='privacy-section'>
          <Text className='staff-row__title'>{s.title}</Text>
          {s.lines.map(line => (
            <Text key={line} className='privacy__line'>
              {line}
            </Text>
          ))}
        </View>
      ))}
      <LinkRow label={copy.myDataLink} url='/pages/staff/my-data' />
      {process.env.TARO_ENV === 'weapp' && (
        <View className='card'>
          <Button size='large' block onClick={() => void Taro.openSetting({})}>
            {copy.settingsLink}
          </Button>
          <Text className='status-line'>{copy.settingsHint}</Text>
        </View>
      )}
    </PageShell>
  )
}
