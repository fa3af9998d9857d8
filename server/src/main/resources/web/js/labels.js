// Names people read: the domain of an indicator (its first word) and the indicator itself, in Chinese and English.

export const DOMAINS = {
  reconsideration: { zh: "行政复议", en: "Administrative reconsideration" },
  mediation: { zh: "人民调解", en: "People's mediation" },
  certificates: { zh: "执法证件", en: "Enforcement certificates" },
  litigation: { zh: "行政应诉", en: "Administrative litigation" },
};

const INDICATORS = {
  "reconsideration.applied": ["申请", "applied"],
  "reconsideration.accepted": ["受理", "accepted"],
  "reconsideration.rejected": ["不予受理", "rejected"],
  "reconsideration.correction_requested": ["补正", "correction requested"],
  "reconsideration.concluded": ["审结", "concluded"],
  "reconsideration.outcome.upheld": ["维持", "upheld"],
  "reconsideration.outcome.dismissed": ["驳回", "dismissed"],
  "reconsideration.outcome.terminated": ["终止", "terminated"],
  "reconsideration.outcome.revoked": ["撤销", "revoked"],
  "reconsideration.outcome.confirmed_illegal": ["确认违法", "confirmed illegal"],
  "reconsideration.outcome.modified": ["变更", "modified"],
  "reconsideration.outcome.ordered_to_perform": ["责令履行", "ordered to perform"],
  "reconsideration.outcome.settled": ["调解和解", "settled"],
  "reconsideration.withdrawn": ["撤回", "withdrawn"],
  "reconsideration.correction_rate": ["纠错率", "correction rate"],
  "mediation.received": ["受理纠纷", "disputes received"],
  "mediation.succeeded": ["调解成功", "succeeded"],
  "mediation.failed": ["调解不成", "failed"],
  "mediation.agreements": ["协议", "agreements"],
  "mediation.withdrawn": ["撤回", "withdrawn"],
  "mediation.success_rate": ["调解成功率", "success rate"],
  "certificates.issued": ["发证", "issued"],
  "certificates.suspended": ["暂扣", "suspended"],
  "certificates.reinstated": ["恢复", "reinstated"],
  "certificates.revoked": ["吊销", "revoked"],
  "certificates.annual_review_passed": ["年审合格", "annual review passed"],
  "certificates.annual_review_failed": ["年审不合格", "annual review failed"],
  "certificates.active": ["有效证件", "active"],
  "certificates.review_failure_rate": ["年审不合格率", "review failure rate"],
  "litigation.responded": ["应诉", "responded"],
  "litigation.responded.basic_court": ["基层法院应诉", "responded, basic court"],
  "litigation.responded.intermediate_court": ["中级法院应诉", "responded, intermediate court"],
  "litigation.responded.higher_court": ["高级以上法院应诉", "responded, higher court"],
  "litigation.heard": ["开庭审理", "heard in court"],
  "litigation.head_appeared": ["负责人出庭", "agency head appeared"],
  "litigation.concluded": ["审结", "concluded"],
  "litigation.concluded.basic_court": ["基层法院审结", "concluded, basic court"],
  "litigation.concluded.intermediate_court": ["中级法院审结", "concluded, intermediate court"],
  "litigation.concluded.higher_court": ["高级以上法院审结", "concluded, higher court"],
  "litigation.outcome.withdrawn": ["撤诉", "withdrawn"],
  "litigation.outcome.claims_dismissed": ["驳回诉讼请求", "claims dismissed"],
  "litigation.outcome.suit_dismissed": ["裁定驳回起诉", "suit dismissed by ruling"],
  "litigation.outcome.lost": ["败诉", "lost"],
  "litigation.outcome.other": ["其他", "other"],
  "litigation.head_appearance_rate": ["负责人出庭应诉率", "head appearance rate"],
  "litigation.loss_rate": ["败诉率", "loss rate"],
};

export const domainOf = indicator => indicator.split(".")[0];

export function domainLabel(domain) {
  const d = DOMAINS[domain];
  return d ? `${d.zh} ${d.en}` : domain;
}

/** "受理 accepted", or the indicator's own name when it is new to this page. */
export function indicatorLabel(indicator) {
  const l = INDICATORS[indicator];
  return l ? `${l[0]} ${l[1]}` : indicator;
}

export const isRate = total => total.denominator !== null && total.denominator !== undefined;

export function formatValue(total) {
  if (total.value === null || total.value === undefined) return "–";
  if (isRate(total)) return `${(100 * total.value).toFixed(2)} %`;
  return Number(total.value).toLocaleString("en-US");
}

export function formatRatio(total) {
  if (!isRate(total)) return "";
  const n = v => Number(v).toLocaleString("en-US");
  return `${n(total.numerator)} / ${n(total.denominator)}`;
}

/** The region's names as "青浦区 Qingpu". */
export const regionLabel = r => r ? `${r.nameZh || ""} ${r.nameEn || ""}`.trim() : "";
