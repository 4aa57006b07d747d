import { useWeappCloud } from './weapp-cloud'

jest.setTimeout(60_000)
const cloud = useWeappCloud()

test('home as resident', async () => {
  const t0 = Date.now()
  const app = cloud.launch('demo-resident')
  const page = app.open('pages/home/index')
  await page.waitForText('王秀兰，您好')
  console.log('ms', Date.now() - t0, app.errors, page.text().slice(0, 500))
})
