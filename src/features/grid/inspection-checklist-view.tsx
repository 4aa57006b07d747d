import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useAction, useQuery } from '@/api'
import { FormProblem, SubmitButton, TextField } from '@/components/form/form-field'
import { useFormProblems } from '@/components/form/use-form-problems.hook'
import { PageShell } from '@/components/theme/page-shell'
import Button from '@/components/ui/button'
import { confirm } from '@/components/ui/confirm'
import { gridContract } from '@/core/grid/grid.contract'
import type { InspectionCadence, ReportCategory } from '@/core/grid/grid.model'
import { MAX_CHECKLIST_ITEMS } from '@/core/grid/grid.schemas'
import { Choice } from '@/features/staff/staff-ui'
import { inspectionCopy as copy } from './inspection-copy'
import type { ChecklistOptions } from './inspection-types'
import { LoadState } from './report-ui'
import './inspection.css'

interface Item {
  text: string
  category: ReportCategory | ''
}

const labels = {
  title: copy.title,
  cadence: copy.cadence,
  'place.name': copy.placeName,
  'place.gridId': copy.grid,
  place: copy.place,
  items: copy.items
}
// A building or grid not this community's (a stale list): said at the place.
const refusals = { PLACE_UNKNOWN: 'place' }

function Form({ options }: { options: ChecklistOptions }) {
  const define = useAction(gridContract.defineChecklist)
  const problems = useFormProblems(labels, refusals)
  const [title, setTitle] = useState('')
  const [cadence, setCadence] = useState<InspectionCadence | ''>('')
  const [where, setWhere] = useState<'building' | 'other'>('building')
  const [buildingId, setBuildingId] = useState('')
  const [placeName, setPlaceName] = useState('')
  const [gridId, setGridId] = useState('')
  const [items, setItems] = useState<Item[]>([{ text: '', category: '' }])

  const fromTemplate = (t: ChecklistOptions['templates'][number]) => {
    setTitle(t.title)
    setCadence(t.cadence)
    setItems(t.items.map(i => ({ ...i })))
    problems.clear()
  }
  const setItem = (n: number, patch: Partial<Item>) => {
    setItems(all => all.map((it, i) => (i === n ? { ...it, ...patch } : it)))
    problems.clear('items')
  }
  const building = options.buildings.find(b => b.id === buildingId)
  const gridName = (id: string) => options.grids.find(g => g.id === id)?.name ?? ''
  const placeLabel = where === 'building' ? (building?.name ?? '') : placeName.trim()
  const why =
    title.trim() === ''
      ? '请先写上巡检表名称'
      : cadence === ''
        ? '请选择多久检查一次'
        : (where === 'building' ? !buildingId : placeName.trim() === '' || !gridId)
          ? copy.needPlace
          : items.some(i => i.text.trim() === '' || i.category === '')
            ? '每一项都要写内容、选类别'
            : null

  const save = async () => {
    if (cadence === '') return
    const cadenceLabel = options.cadences.find(c => c.key === cadence)?.label ?? ''
    if (!(await confirm({ title: copy.askSave(title.trim()), content: copy.askSaveWhat(cadenceLabel, placeLabel) })))
      return
    const res = await define.run(
      {
        title,
        cadence,
        place: where === 'building' ? { buildingId } : { name: placeName, gridId },
        items: items.map(i => ({ text: i.text, category: i.category as ReportCategory }))
      },
      { onError: problems.show }
    )
    if (res.ok) {
      void Taro.showToast({ title: copy.saved(res.data.title), icon: 'none' })
      void Taro.navigateBack()
    }
  }

  return (
    <View data-testid='checklist-form'>
      <Text className='section-title'>{copy.fromTemplate}</Text>
      <View className='inspection-templates'>
        {options.templates.map(t => (
          <Button key={t.title} onClick={() => fromTemplate(t)}>
            {t.title}
          </Button>
        ))}
      </View>
      <TextField
        label={copy.title}
        name='title'
        value={title}
        maxLength={20}
        hint={copy.titleHint}
        error={problems.field('title')}
        onChange={v => {
          setTitle(v)
          problems.clear('title')
        }}
      />
      <Text className='form-field__label'>{copy.cadence}</Text>
      <Choice
        label={copy.cadence}
        options={options.cadences.map(c => ({ value: c.key, label: c.label }))}
        value={cadence as InspectionCadence}
        onChange={setCadence}
      />
      <Text className='form-field__label'>{copy.place}</Text>
      <Choice
        label={copy.place}
        options={[
          { value: 'building', label: copy.placeBuilding },
          { value: 'other', label: copy.placeOther }
        ]}
        value={where}
        onChange={w => {
          setWhere(w)
          problems.clear('place')
        }}
      />
      {where === 'building' ? (
        <>
          <Choice
            label={copy.building}
            options={options.buildings.map(b => ({ value: b.id, label: b.name }))}
            value={buildingId}
            onChange={setBuildingId}
          />
          {building && <Text className='status-line'>{copy.buildingGrid(gridName(building.gridId))}</Text>}
        </>
      ) : (
        <>
          <TextField
            label={copy.placeName}
            name='placeName'
            value={placeName}
            maxLength={20}
            hint={copy.placeNameHint}
            error={problems.field('place.name')}
            onChange={v => {
              setPlaceName(v)
              problems.clear('place.name')
            }}
          />
          <Text className='form-field__label'>{copy.grid}</Text>
          <Choice
            label={copy.grid}
            options={options.grids.map(g => ({ value: g.id, label: g.name }))}
            value={gridId}
            onChange={setGridId}
          />
          <Text className='status-line'>{copy.gridHint}</Text>
        </>
      )}
      <FormProblem problem={problems.field('place')} />
      <Text className='section-title'>{copy.items}</Text>
      <FormProblem problem={problems.field('items')} />
      {items.map((item, n) => (
        <View key={n} className='card inspection-item'>
          <TextField
            label={copy.itemText(n + 1)}
            name={`item-${n + 1}`}
            value={item.text}
            maxLength={40}
            onChange={text => setItem(n, { text })}
          />
          <Text className='form-field__label'>{copy.itemCategory}</Text>
          <Choice
            label={`${copy.itemText(n + 1)}${copy.itemCategory}`}
            options={options.categories.map(c => ({ value: c.key, label: c.label }))}
            value={item.category as ReportCategory}
            onChange={category => setItem(n, { category })}
          />
          {items.length > 1 && (
            <Button onClick={() => setItems(all => all.filter((_, i) => i !== n))}>{copy.removeItem}</Button>
          )}
        </View>
      ))}
      {items.length < MAX_CHECKLIST_ITEMS && (
        <Button block onClick={() => setItems(all => [...all, { text: '', category: '' }])}>
          {copy.addItem}
        </Button>
      )}
      <SubmitButton
        busy={define.busy !== null}
        busyText={copy.saving}
        disabledReason={why}
        problem={problems.form}
        onClick={() => void save()}
      >
        {copy.save}
      </SubmitButton>
    </View>
  )
}

/** 新建巡检表 (staff): a title, a cadence, a building or a named place with its grid, and the items to check. */
export function InspectionChecklistView() {
  const options = useQuery(gridContract.checklistOptions, {})
  return (
    <PageShell className='inspection'>
      {options.data ? (
        <Form options={options.data} />
      ) : (
        <LoadState error={options.error} loading={options.loading} reload={options.reload} />
      )}
    </PageShell>
  )
}
