/** Which pair of scales places a risk on the heat map. */
export enum HeatmapBasis {
  Inherent = 'inherent',
  Residual = 'residual',
}
