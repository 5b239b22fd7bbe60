package org.largelr.plot;

import org.largelr.api.Columns;

/** What an axis or a title calls a column: the one place a column name becomes words. */
final class Labels {
    private Labels() {}

    static String of(String column) {
        return switch (column) {
            case Columns.H -> "learning rate h";
            case Columns.HL -> "h L (L: sharpness at the start)";
            case Columns.H_FACTOR -> "h / h_unit";
            case Columns.TWO_OVER_H -> "2/h";
            case Columns.IMBALANCE_START -> "imbalance at the start";
            case Columns.IMBALANCE_RATIO -> "imbalance / imbalance at the start";
            case Columns.C -> "imbalance factor c";
            case Columns.SCALE -> "scale of the start";
            case Columns.STEP -> "step";
            case Columns.LOSS -> "loss";
            case Columns.IMBALANCE -> "imbalance ||X||_F^2 - ||Y||_F^2";
            case Columns.BALANCE_GAP -> "balance gap ||X^T X - Y^T Y||_F";
            case Columns.GRAD_NORM -> "gradient norm";
            case Columns.SHARPNESS -> "sharpness (top Hessian eigenvalue)";
            case Columns.X_NORM2 -> "||X||_F^2";
            case Columns.Y_NORM2 -> "||Y||_F^2";
            default -> column;
        };
    }
}
