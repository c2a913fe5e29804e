import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
import type { ActivityCardData } from '~/ui/activity-card'
import type { CatalogueItem } from './catalogue.server'
import { formatPrice, formatSessionStart } from './describe'

/** A catalogue row as the text a card shows, in the visitor's language. */
export function toActivityCard(item: CatalogueItem, t: TFunction, lng: Language): ActivityCardData {
  const place = item.locationName ?? item.streetAddress
  const where = [place, item.areaName ?? item.city].filter(Boolean).join(', ')
  return {
    id: item.id,
    title: item.title,
    category: t(`common.categories.${item.category}`),
    organisationName: item.organisationName,
    next: formatSessionStart(item.nextSession.startsAt, t, lng, item.timezone),
    where: where || null,
    price: formatPrice(item.priceOere, t, lng),
    open: item.openNoReferral,
    noMembership: item.noMembership,
  }
}
