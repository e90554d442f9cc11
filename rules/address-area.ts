// The city and district (区/县) in a Chinese address, for nearness when there are no coordinates: "北京市海淀区中关村
// 大街1号" -> 北京市, 海淀区. Pure; a text without them gives nothing rather than a guess.
export interface AddressArea {
  city?: string;
  district?: string;
}

const CITY = /^(?:[^省市区县]{2,8}?(?:省|自治区))?([^省市区县]{2,8}?市)/;
const DISTRICT = /([^省市区县旗]{1,8}?(?:区|县|旗))/;

export function areaOf(address: string | undefined): AddressArea {
  const text = (address ?? '').replace(/\s+/g, '');
  if (!text) return {};
  const city = CITY.exec(text)?.[1];
  const rest = city ? text.slice(text.indexOf(city) + city.length) : text.replace(/^[^省]{2,8}?(?:省|自治区)/, '');
  const district = DISTRICT.exec(rest)?.[1];
  return { ...(city ? { city } : {}), ...(district ? { district } : {}) };
}
