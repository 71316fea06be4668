/**
 * STAND-IN outward-code centroids (see README.md beside this file): approximate [latitude,
 * longitude] (WGS84, degrees) of the middle of each postcode district, hand-entered for synthetic
 * data, NOT from the ONS Postcode Directory. A district not listed has no distance.
 */
export const CENTROIDS_SOURCE = "stand-in table of about 60 postcode districts, approximate centroids (not ONSPD)";

export const OUTWARD_CODE_CENTROIDS: Readonly<Record<string, readonly [number, number]>> = {
  // London
  E1: [51.5174, -0.0594],
  E2: [51.529, -0.06],
  E3: [51.528, -0.025],
  E14: [51.505, -0.019],
  E15: [51.54, 0.0],
  E17: [51.585, -0.02],
  EC1A: [51.518, -0.1],
  N1: [51.538, -0.097],
  NW1: [51.533, -0.145],
  SE1: [51.498, -0.09],
  SE10: [51.48, -0.005],
  SW1A: [51.5045, -0.1323],
  TW9: [51.465, -0.3],
  TW1: [51.447, -0.329],
  CR0: [51.373, -0.075],
  KT1: [51.41, -0.3],
  BR1: [51.405, 0.015],
  DA1: [51.446, 0.215],
  EN1: [51.652, -0.074],
  HA1: [51.581, -0.337],
  IG1: [51.558, 0.073],
  RM1: [51.577, 0.183],
  UB1: [51.511, -0.375],
  // South East and East
  BN1: [50.829, -0.14],
  CB1: [52.198, 0.137],
  CM1: [51.735, 0.47],
  CT1: [51.28, 1.08],
  GU1: [51.24, -0.575],
  IP1: [52.062, 1.15],
  LU1: [51.875, -0.42],
  ME14: [51.28, 0.53],
  MK9: [52.042, -0.757],
  NR1: [52.625, 1.3],
  OX1: [51.751, -1.258],
  PO1: [50.8, -1.09],
  RG1: [51.454, -0.972],
  SO14: [50.905, -1.4],
  SS1: [51.537, 0.712],
  // Midlands
  B1: [52.48, -1.905],
  LE1: [52.636, -1.133],
  NG1: [52.954, -1.15],
  NN1: [52.238, -0.894],
  // North
  L1: [53.403, -2.98],
  LS1: [53.797, -1.548],
  M1: [53.48, -2.235],
  NE1: [54.972, -1.613],
  S1: [53.381, -1.469],
  YO1: [53.959, -1.081],
  // South West, Wales
  BS1: [51.453, -2.593],
  EX1: [50.725, -3.52],
  PL1: [50.37, -4.142],
  CF10: [51.478, -3.178],
};
