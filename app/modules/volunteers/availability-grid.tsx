import { useTranslation } from 'react-i18next'
import { availabilityBit, DAYS, SLOTS } from './vocab'

/**
 * The week as a real table of checkboxes (7 days × morning/afternoon/evening). Each box has
 * its own accessible name ("Mandag formiddag"), so it reads well cell by cell and works without
 * JavaScript; the form posts the ticked cells' bit numbers under `name`.
 */
export function AvailabilityGrid({
  name,
  checked,
  legend,
  hint,
}: {
  name: string
  checked: readonly number[]
  legend: string
  hint?: string
}) {
  const { t } = useTranslation()
  const C = 'common.volunteer'
  return (
    <div className="field">
      <fieldset className="fieldset" aria-describedby={hint ? `field-${name}-hint` : undefined}>
        <legend className="field__label">{legend}</legend>
        {hint ? (
          <p id={`field-${name}-hint`} className="field__hint">
            {hint}
          </p>
        ) : null}
        <div className="table-wrap">
          <table className="availability-grid">
            <caption className="visually-hidden">{legend}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`${C}.day`)}</th>
                {SLOTS.map((slot) => (
                  <th scope="col" key={slot}>
                    {t(`${C}.slots.${slot}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {DAYS.map((day, d) => (
                <tr key={day}>
                  <th scope="row">{t(`${C}.days.${day}`)}</th>
                  {SLOTS.map((slot, s) => {
                    const bit = availabilityBit(d, s)
                    return (
                      <td key={slot}>
                        <input
                          type="checkbox"
                          id={bit === 0 ? `field-${name}` : `field-${name}-${bit}`}
                          name={name}
                          value={String(bit)}
                          defaultChecked={checked.includes(bit)}
                          aria-label={t(`${C}.cell`, {
                            day: t(`${C}.days.${day}`),
                            slot: t(`${C}.slotsLower.${slot}`),
                          })}
                          className="availability-grid__box"
                        />
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
    </div>
  )
}

/** The ticked cells as words, e.g. "mandag formiddag, tirsdag aften". */
export function availabilityWords(
  t: (key: string, o?: Record<string, string>) => string,
  bits: number[],
) {
  return bits
    .map((bit) => {
      const day = DAYS[Math.floor(bit / SLOTS.length)]!
      const slot = SLOTS[bit % SLOTS.length]!
      return t('common.volunteer.cell', {
        day: t(`common.volunteer.days.${day}`),
        slot: t(`common.volunteer.slotsLower.${slot}`),
      })
    })
    .join(', ')
}
