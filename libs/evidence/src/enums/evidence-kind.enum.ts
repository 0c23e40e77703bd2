export enum EvidenceKind {
  Document = 'document',
  Link = 'link',
  Screenshot = 'screenshot',
  Log = 'log',
  Other = 'other',
}
